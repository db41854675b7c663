// Public API of src/analysis: every export here is re-exported from the package entry.
export {};
