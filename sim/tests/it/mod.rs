mod client;
mod model;
mod server;
