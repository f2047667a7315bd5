//! Helpers shared by the examples and benchmarks (work in progress).
