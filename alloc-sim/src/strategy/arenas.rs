pub mod classes;
