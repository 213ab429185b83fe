/// Why school data could not be turned into a solver model (or a demo school built).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SchedulingError {
    #[error("escuela de demostración inválida: {0}")]
    DemoSpec(String),
}
