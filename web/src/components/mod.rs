pub mod editor;
pub mod results;
