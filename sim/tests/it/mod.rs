mod client;
mod gated_timeline;
mod gates;
mod model;
mod props;
mod server;
mod six;
