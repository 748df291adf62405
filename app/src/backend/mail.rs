//! Outgoing mail through lettre: a file outbox by default, SMTP when configured; a rehearsal
//! keeps its mail instead of sending it.
use lettre::message::{header::ContentType, Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::config::{Config, MailConfig};
use crate::error::{AppError, Result};

/// Delivers messages through the configured transport.
pub enum Mailer {
    /// Writes `.eml` files into a folder.
    Outbox(AsyncFileTransport<Tokio1Executor>),
    /// Sends through an SMTP relay.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Keeps each message (a rehearsal's: it shows what would be sent, and sends nothing).
    Kept(std::sync::Mutex<Vec<KeptMail>>),
}

/// A message a rehearsal's mailer kept instead of sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptMail {
    /// The recipient.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

impl Mailer {
    /// Builds the transport the configuration names (creating the outbox folder).
    pub fn from_config(config: &Config) -> std::result::Result<Mailer, String> {
        match &config.mail {
            MailConfig::Outbox(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create outbox {}: {e}", dir.display()))?;
                Ok(Mailer::Outbox(AsyncFileTransport::new(dir)))
            }
            MailConfig::Smtp {
                host,
                port,
                username,
                password,
                security,
            } => {
                let builder = match security.as_str() {
                    "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
                    "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                        .map_err(|e| e.to_string())?,
                    _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                        .map_err(|e| e.to_string())?,
                };
                let mut builder = builder.port(*port);
                if let (Some(u), Some(p)) = (username, password) {
                    builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
                }
                Ok(Mailer::Smtp(builder.build()))
            }
        }
    }

    /// A mailer that keeps what it is given.
    pub fn kept() -> Mailer {
        Mailer::Kept(std::sync::Mutex::new(Vec::new()))
    }

    /// The messages kept since the last call, oldest first (none for a sending mailer).
    pub fn take_kept(&self) -> Vec<KeptMail> {
        match self {
            Mailer::Kept(kept) => {
                std::mem::take(&mut *kept.lock().unwrap_or_else(|e| e.into_inner()))
            }
            _ => Vec::new(),
        }
    }

    /// Sends one plain-text message.
    pub async fn send(&self, from: &str, to: &str, subject: &str, body: String) -> Result<()> {
        if let Mailer::Kept(kept) = self {
            kept.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(KeptMail {
                    to: to.to_string(),
                    subject: subject.to_string(),
                    body,
                });
            return Ok(());
        }
        let from: Mailbox = from.parse().map_err(|e| {
            tracing::error!(error = %e, "bad sender address");
            AppError::Internal
        })?;
        let to: Mailbox = to
            .parse()
            .map_err(|_| AppError::Invalid("The email address cannot receive mail.".into()))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| {
                tracing::error!(error = %e, "cannot build message");
                AppError::Internal
            })?;
        let sent = match self {
            Mailer::Outbox(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Kept(_) => Ok(()),
        };
        sent.map_err(|e| {
            tracing::error!(error = %e, "mail delivery failed");
            AppError::Internal
        })
    }
}
