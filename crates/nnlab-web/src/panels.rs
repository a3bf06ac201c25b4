//! Placeholder (being written): gradient-check, network-diagram and export results for the page.
