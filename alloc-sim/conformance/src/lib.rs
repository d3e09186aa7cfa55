//! Conformance tests for alloc-sim live in `tests/`; this library is empty.
//!
//! Each test drives a real allocator (linked_list_allocator, bumpalo,
//! glibc) and the simulation with the same calls, and compares where the
//! blocks land.
