// Placeholder (being written): the exporter view. Contract: see ARCHITECTURE.md "Page modules".
export function mount(root, app) {}
export function update(snapshot) {}
