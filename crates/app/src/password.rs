//! Passwords (argon2id) and session tokens. Hashing is deliberately slow, so it runs on the
//! blocking pool and never stalls the async executor.

use crate::{AppError, Result};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// Shortest password we accept; long passphrases are welcome.
pub const MIN_PASSWORD_LEN: usize = 8;

/// What is wrong with a proposed password, if anything.
pub fn password_problem(password: &str) -> Option<String> {
    (password.chars().count() < MIN_PASSWORD_LEN)
        .then(|| format!("debe tener al menos {MIN_PASSWORD_LEN} caracteres"))
}

pub fn check_password_policy(password: &str) -> Result<()> {
    match password_problem(password) {
        Some(problem) => Err(AppError::field("password", problem)),
        None => Ok(()),
    }
}

/// argon2id PHC string (`$argon2id$v=19$...`) with a fresh random salt.
pub async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hash task: {e}")))?
}

/// True when `password` matches the stored PHC string; a malformed hash never matches.
pub async fn verify_password(password: &str, phc: &str) -> Result<bool> {
    let password = password.to_owned();
    let phc = phc.to_owned();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| AppError::Internal(format!("verify task: {e}")))
}

/// 32 random bytes as hex: the bearer token and cookie value handed to the client.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the database keeps instead of the token, so a leaked table grants no sessions.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A readable random password for generated accounts (demo admin): 16 characters from an
/// alphabet without look-alikes (0/O, 1/l).
pub fn new_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = hash_password("correcto-123").await.unwrap();
        let b = hash_password("correcto-123").await.unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password("correcto-123", &a).await.unwrap());
        assert!(!verify_password("incorrecto", &a).await.unwrap());
        assert!(!verify_password("correcto-123", "not a hash").await.unwrap());
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let t1 = new_token();
        let t2 = new_token();
        assert_eq!(t1.len(), 64);
        assert_ne!(t1, t2);
        assert_eq!(token_hash(&t1).len(), 64);
        assert_ne!(token_hash(&t1), t1);
        assert_eq!(token_hash(&t1), token_hash(&t1));
    }

    #[test]
    fn policy_and_generated_passwords() {
        assert!(check_password_policy("corta").is_err());
        assert!(check_password_policy("suficiente").is_ok());
        let p = new_password();
        assert_eq!(p.len(), 16);
        assert!(check_password_policy(&p).is_ok());
    }
}
