//! Every route and status code of the contract, through the local server's router, against
//! DynamoDB Local. Run by `scripts/check`.

mod auth;
mod chat;
mod concurrency;
mod event;
mod harness;
mod hostile;
mod keys;
mod routes;
mod scale;
mod storage;
mod widgets;
