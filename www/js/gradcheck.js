// Placeholder (being written): the gradcheck view. Contract: see ARCHITECTURE.md "Page modules".
export function mount(root, app) {}
export function update(snapshot) {}
