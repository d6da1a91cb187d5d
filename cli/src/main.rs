use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    impactify::telemetry::init();
    let cli = impactify_cli::commands::Cli::parse();
    match impactify_cli::commands::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
