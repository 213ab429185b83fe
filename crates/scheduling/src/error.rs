/// Why school data could not be turned into a solver model (or a demo school built).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SchedulingError {
    #[error("escuela de demostración inválida: {0}")]
    DemoSpec(String),
    #[error("los datos de la escuela no se pueden planificar: {0}")]
    InvalidSchool(String),
    #[error("ubicación fijada imposible: {0}")]
    LockedPlacement(String),
    #[error("error interno al construir el modelo del planificador: {0}")]
    Model(String),
    #[error("horario incompatible con los datos de la escuela: {0}")]
    Timetable(String),
}
