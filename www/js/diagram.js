// Placeholder (being written): the diagram view. Contract: see ARCHITECTURE.md "Page modules".
export function mount(root, app) {}
export function update(snapshot) {}
