mod client;
mod gates;
mod model;
mod props;
mod server;
