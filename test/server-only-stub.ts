// Tests run domain modules outside Next's server bundle, where "server-only" would throw.
export {};
