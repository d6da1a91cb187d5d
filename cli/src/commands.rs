//! The subcommands, each printing a human-readable summary or, with `--json`, one JSON document.

use clap::{Parser, Subcommand};
use impactify::auth::Permissions;
use impactify::model::{ChatMessage, Event};
use impactify::store::{NewKey, Store};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "impactify",
    version,
    about = "Operate the Impactify public REST API"
)]
#[command(
    after_help = "Configured by TABLE_NAME (default impactify), AWS_REGION and \
    AWS_ENDPOINT_URL_DYNAMODB (e.g. http://127.0.0.1:8000 for DynamoDB Local)."
)]
pub struct Cli {
    /// Print one JSON document instead of text, for scripts.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// The DynamoDB table.
    #[command(subcommand)]
    Table(TableCommand),
    /// Events.
    #[command(subcommand)]
    Event(EventCommand),
    /// API keys of an event.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Chat messages (how chat gets in until the platform writes it).
    #[command(subcommand)]
    Chat(ChatCommand),
    /// Create the table if needed, a demo event with chat, and a key holding every permission.
    Seed {
        /// Address the curl hint points at.
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// Instead, create the fixed event, key and widgets that `events/*.json` refer to
        /// (local tables only: that key is public).
        #[arg(long)]
        fixture: bool,
    },
    /// Serve every route locally, through the same handlers the Lambda functions run.
    Serve {
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
    },
    /// Print the OpenAPI 3.0.3 document the code describes: what `openapi.json` must hold
    /// (`impactify openapi --output openapi.json` regenerates it).
    Openapi {
        /// Write it to this file instead of printing it. (Unlike `> file`, the file keeps its
        /// content until the new one is ready, so a build in between still embeds a document.)
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Run a real function binary (a `bootstrap`) under a local Lambda Runtime API and invoke it
    /// with an API Gateway event, without Docker. Prints the function's response.
    Invoke {
        /// e.g. target/lambda/event/bootstrap
        bootstrap: PathBuf,
        /// e.g. events/event-get.json
        #[arg(long)]
        event: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum TableCommand {
    /// Create the table (does nothing if it exists).
    Create,
}

#[derive(Subcommand)]
pub enum EventCommand {
    /// Create an event and print it.
    Create {
        #[arg(long)]
        title: String,
        #[arg(long)]
        description: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum KeyCommand {
    /// Create a key; the key is printed this once and never again.
    Create {
        #[arg(long)]
        event: String,
        /// Comma-separated: event:read, event:update, chat:read, widget:read, widget:create,
        /// widget:update, widget:delete, or * for all.
        #[arg(long, value_parser = Permissions::parse_list)]
        permissions: Permissions,
        #[arg(long)]
        name: Option<String>,
        /// e.g. 30d, 12h, 90m.
        #[arg(long, value_parser = humantime::parse_duration)]
        expires_in: Option<Duration>,
    },
    /// List an event's keys (never the keys themselves).
    List {
        #[arg(long)]
        event: String,
    },
    /// Revoke a key by its id.
    Revoke {
        #[arg(long)]
        event: String,
        key_id: String,
    },
}

#[derive(Subcommand)]
pub enum ChatCommand {
    /// Post a chat message to an event.
    Post {
        #[arg(long)]
        event: String,
        #[arg(long)]
        sender: String,
        #[arg(long)]
        content: String,
    },
}

pub type CliResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

pub async fn run(cli: Cli) -> CliResult {
    if let Command::Openapi { output } = &cli.command {
        // No table involved: not even a client to build.
        let document = impactify::openapi::generate();
        match output {
            Some(path) => std::fs::write(path, document)?,
            None => print!("{document}"),
        }
        return Ok(());
    }
    let store = Store::from_env().await;
    let out = Output { json: cli.json };
    match cli.command {
        Command::Table(TableCommand::Create) => {
            let created = store.create_table().await?;
            let verb = if created { "created" } else { "already exists" };
            out.print(
                &json!({"table": store.table(), "created": created}),
                &format!("table {} {verb}", store.table()),
            );
        }
        Command::Event(EventCommand::Create { title, description }) => {
            let event = create_event(&store, title, description).await?;
            out.print(
                &json!(event),
                &format!("event {} created: {}", event.id, event.title),
            );
        }
        Command::Key(KeyCommand::Create {
            event,
            permissions,
            name,
            expires_in,
        }) => {
            let expires_at = expires_in
                .map(|d| {
                    chrono::Duration::from_std(d)
                        .ok()
                        .filter(|d| *d > chrono::Duration::zero())
                        .and_then(|d| chrono::Utc::now().checked_add_signed(d))
                        .filter(|at| at.timestamp() < 253_402_300_800) // before year 10000
                        .ok_or("--expires-in must be more than 0 and end before the year 10000")
                })
                .transpose()?
                .map(impactify::time::format);
            require_event(&store, &event).await?;
            let key = store
                .create_key(&event, permissions, name, expires_at)
                .await?;
            out.print(&key_json(&key), &key_text(&key));
        }
        Command::Key(KeyCommand::List { event }) => {
            let keys = store.list_keys(&event).await?;
            let text = keys
                .iter()
                .map(|k| {
                    let state = if k.revoked_at.is_some() {
                        "revoked"
                    } else {
                        "active"
                    };
                    let perms: Vec<_> = k.permissions.0.iter().map(|p| p.as_str()).collect();
                    let expires = k.expires_at.as_deref().unwrap_or("never");
                    let used = k.last_used_at.as_deref().unwrap_or("never");
                    format!(
                        "{}  {state}  {}  expires {expires}  last used {used}  {}",
                        k.id,
                        perms.join(","),
                        k.name.as_deref().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.print(&json!(keys), &text);
        }
        Command::Key(KeyCommand::Revoke { event, key_id }) => {
            let key = store
                .revoke_key(&event, &key_id)
                .await?
                .ok_or_else(|| format!("event {event} has no key {key_id}"))?;
            out.print(&json!(key), &format!("key {key_id} revoked"));
        }
        Command::Chat(ChatCommand::Post {
            event,
            sender,
            content,
        }) => {
            require_event(&store, &event).await?;
            let message = post_chat(&store, &event, sender, content).await?;
            out.print(&json!(message), &format!("message {} posted", message.id));
        }
        Command::Seed { fixture: true, .. } => {
            // The fixture's key is public (it is in events/): never into a real table.
            let local = ["AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"]
                .iter()
                .any(|v| std::env::var(v).is_ok_and(|url| !url.is_empty()));
            if !local {
                return Err(
                    "seed --fixture writes a key whose plaintext is public; it only runs \
                    against DynamoDB Local (set AWS_ENDPOINT_URL_DYNAMODB)"
                        .into(),
                );
            }
            store.create_table().await?;
            let event = crate::fixture::seed(&store).await?;
            out.print(
                &json!({"event": event, "key": crate::fixture::KEY}),
                &format!("events fixture seeded: event {}", event.id),
            );
        }
        Command::Seed { addr, .. } => {
            store.create_table().await?;
            let event = create_event(
                &store,
                "Impactify Demo Event".into(),
                Some("A demo event created by `impactify seed`.".into()),
            )
            .await?;
            for (sender, content) in [
                ("host", "Welcome, everyone!"),
                ("guest-1", "Hello from Lisbon 👋"),
            ] {
                post_chat(&store, &event.id, sender.into(), content.into()).await?;
            }
            let key = store
                .create_key(
                    &event.id,
                    Permissions::parse_list("*")?,
                    Some("demo".into()),
                    None,
                )
                .await?;
            let curl = format!(
                "curl -H 'Authorization: Bearer {}' http://{addr}/api/rest/v1/event",
                key.key.reveal()
            );
            out.print(
                &json!({"event": event, "key": key_json(&key), "curl": curl}),
                &format!(
                    "demo event: {} ({})\n{}\ntry:  {curl}",
                    event.title,
                    event.id,
                    key_text(&key)
                ),
            );
        }
        Command::Serve { addr } => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            let app = impactify::App::new(store);
            eprintln!(
                "Impactify API on http://{addr}/api/rest/v1 (table {})",
                app.store.table()
            );
            axum::serve(listener, crate::serve::router(app))
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
        }
        Command::Openapi { .. } => unreachable!("answered above"),
        Command::Invoke { bootstrap, event } => {
            let event: Value = serde_json::from_str(&std::fs::read_to_string(&event)?)?;
            let run = crate::runtime_api::invoke_once(&bootstrap, event, &[]).await?;
            eprintln!(
                "init {:.1} ms, first response {:.1} ms after spawn",
                run.init.as_secs_f64() * 1000.0,
                run.total.as_secs_f64() * 1000.0
            );
            out.print(&run.response, &format!("{:#}", run.response));
        }
    }
    Ok(())
}

async fn create_event(
    store: &Store,
    title: String,
    description: Option<String>,
) -> Result<Event, Box<dyn std::error::Error + Send + Sync>> {
    let event = Event::new(title, description).map_err(|p| p.detail)?;
    store.put_event(&event).await?;
    Ok(event)
}

async fn require_event(store: &Store, event_id: &str) -> CliResult {
    match store.get_event(event_id).await? {
        Some(_) => Ok(()),
        None => Err(format!("no event {event_id} in table {}", store.table()).into()),
    }
}

async fn post_chat(
    store: &Store,
    event_id: &str,
    sender: String,
    content: String,
) -> Result<ChatMessage, Box<dyn std::error::Error + Send + Sync>> {
    let message = ChatMessage::new(event_id, sender, content).map_err(|p| p.detail)?;
    store.put_chat_message(&message).await?;
    Ok(message)
}

fn key_json(key: &NewKey) -> Value {
    let mut value = json!(key.record);
    value["key"] = json!(key.key.reveal());
    value
}

fn key_text(key: &NewKey) -> String {
    let perms: Vec<_> = key
        .record
        .permissions
        .0
        .iter()
        .map(|p| p.as_str())
        .collect();
    format!(
        "key id {} for event {} ({})\nkey: {}\n(shown once: store it now)",
        key.record.id,
        key.record.event_id,
        perms.join(","),
        key.key.reveal()
    )
}

struct Output {
    json: bool,
}

impl Output {
    fn print(&self, value: &Value, text: &str) {
        if self.json {
            println!("{value:#}");
        } else {
            println!("{text}");
        }
    }
}
