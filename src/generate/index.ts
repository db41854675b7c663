// Public API of src/generate: every export here is re-exported from the package entry.
export {};
