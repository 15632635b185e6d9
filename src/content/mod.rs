//! Stages 1 and 2: the content folder read (`load`), its settings
//! (`config`), each file checked and turned into a directive (`validate`),
//! the directive's data type (`model`), the front matter's common YAML
//! read without libyaml (`plain_yaml`).

pub mod config;
pub mod load;
pub mod model;
pub mod names;
pub mod plain_yaml;
pub mod validate;
