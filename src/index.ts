// Export barrel for every Forge handler named in manifest.yml, grouped by module type.
// Entry points are added here as they are built (see docs and the issues).
export {};
