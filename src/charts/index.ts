// Public API of src/charts: every export here is re-exported from the package entry.
export {};
