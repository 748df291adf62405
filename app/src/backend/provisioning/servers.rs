//! The PostgreSQL servers that hold tenants' databases. A tenants row names its server by id;
//! the server's URL, with the platform role's password, lives only in the configuration.
use std::fmt;

use crate::backend::config::Config;

/// A PostgreSQL server for tenants' databases.
#[derive(Clone, PartialEq, Eq)]
pub struct DbServer {
    /// What tenants rows store: the configured name, or the URL's `host:port`.
    pub id: String,
    /// The platform role's URL on that server (credentials included: never stored or shown).
    pub url: String,
}

impl fmt::Debug for DbServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DbServer")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl DbServer {
    /// Reads one entry of `TENANTRY_TENANT_DB_SERVERS`: `id=postgres://…`, or a bare URL whose
    /// id is its address (`host:port`).
    pub fn parse(entry: &str) -> DbServer {
        let entry = entry.trim();
        match entry.split_once('=') {
            Some((id, url)) if !id.contains("://") && !id.trim().is_empty() => DbServer {
                id: id.trim().to_string(),
                url: url.trim().to_string(),
            },
            _ => DbServer {
                id: address_of(entry),
                url: entry.to_string(),
            },
        }
    }
}

/// The `host:port` of a URL, without its credentials: the id of a server configured without a
/// name. Platform migration 0010 computes the same id in SQL from the URLs rows used to hold.
pub fn address_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = authority
        .split_once('@')
        .map_or(authority, |(_, host)| host);
    if host.is_empty() {
        "localhost".to_string()
    } else {
        host.to_string()
    }
}

/// The servers new tenants' databases go to: the configured ones, else the platform's own.
pub fn tenant_db_servers(config: &Config) -> Vec<DbServer> {
    if config.tenant_db_servers.is_empty() {
        vec![DbServer::parse(&config.database_url)]
    } else {
        config.tenant_db_servers.clone()
    }
}

/// The server a tenants row names: a configured one by id or by address (rows converted by
/// migration 0010 hold an address), or the platform's own server, which held every tenant before
/// servers were configured.
pub fn server_by_id(config: &Config, id: &str) -> Result<DbServer, sqlx::Error> {
    let mut known = config.tenant_db_servers.clone();
    known.push(DbServer::parse(&config.database_url));
    known
        .iter()
        .find(|s| s.id == id)
        .or_else(|| known.iter().find(|s| address_of(&s.url) == id))
        .cloned()
        .ok_or_else(|| {
            sqlx::Error::Configuration(
                format!("tenant database server {id:?} is not in TENANTRY_TENANT_DB_SERVERS")
                    .into(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_is_known_by_its_name_or_its_address() {
        let named = DbServer::parse(" eu-1=postgres://u:secret@db1:5432/postgres ");
        assert_eq!(named.id, "eu-1");
        assert_eq!(named.url, "postgres://u:secret@db1:5432/postgres");
        let bare = DbServer::parse("postgres://u:secret@db2:5433/postgres?sslmode=require");
        assert_eq!(bare.id, "db2:5433");
        assert!(!format!("{bare:?}").contains("secret"), "never shown");
    }

    #[test]
    fn addresses_drop_credentials_database_and_options() {
        assert_eq!(address_of("postgres://u:p@h:5432/db"), "h:5432");
        assert_eq!(address_of("postgresql://u@h/db?x=1"), "h");
        assert_eq!(address_of("postgres://h:1"), "h:1");
        assert_eq!(address_of("postgres:///db"), "localhost");
    }
}
