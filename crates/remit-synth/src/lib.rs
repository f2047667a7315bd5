//! Synthetic organisations (work in progress).
