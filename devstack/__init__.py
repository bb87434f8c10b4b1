"""The local stack: the whole product on one machine (moto server, all routes, web app, fakes)."""
