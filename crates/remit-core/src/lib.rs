//! Shared vocabulary of remit (work in progress).
