// Public API of src/ingest: every export here is re-exported from the package entry.
export {};
