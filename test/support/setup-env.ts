import "reflect-metadata";

// Business dates must not depend on the server's zone: run the whole suite far from Vietnam.
process.env.TZ = "America/Los_Angeles";
process.env.LOG_LEVEL ??= "silent";
