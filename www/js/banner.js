// Placeholder (being written): the error banner. Contract: see ARCHITECTURE.md "Page modules".
export function install(app) {}
