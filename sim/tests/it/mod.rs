mod client;
mod model;
mod props;
mod server;
