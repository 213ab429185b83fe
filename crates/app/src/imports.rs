//! Importing a school: its workbooks (or flat templates) read by `interchange`, reported as a
//! dry run, and written in one transaction when the caller asks for it explicitly.
//!
//! The API and the CLI share this path. Reading workbooks is CPU work (zip + XML), so it runs
//! on the blocking pool, never on the async executor.

use crate::{Action, App, AppError, Principal, Result};
use domain::FieldErrors;
use interchange::{ImportOptions, ImportReport, InputFile, NameMapping};
use serde::Serialize;
use std::collections::BTreeSet;

/// One uploaded file, owned (it crosses into the blocking pool).
#[derive(Debug, Clone)]
pub struct UploadedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The user's decisions about name merges: canonical names never to merge, and a mapping file
/// ("variant => canonical" per line).
#[derive(Debug, Clone, Default)]
pub struct MergeDecisions {
    pub refused: Vec<String>,
    pub mappings: Option<String>,
}

/// What an import answers: the dry-run report, and what was written when it was applied.
#[derive(Debug, Clone, Serialize)]
pub struct ImportAnswer {
    pub applied: bool,
    pub report: ImportReport,
    /// Present when applied: the records written, per kind, and how many merged with
    /// existing ones (levels by code, school year by name, rules by kind).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<store::ImportOutcome>,
    /// The school's own timetable as stored (when the files held one and it was applied).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timetable_ids: Vec<domain::Id>,
}

impl App {
    /// `POST /api/v1/imports`: coordinator and above. Reads the files; answers the dry run, or
    /// writes the school when `apply` is true. All or nothing.
    pub async fn import_files(
        &self,
        who: &Principal,
        files: Vec<UploadedFile>,
        decisions: MergeDecisions,
        apply: bool,
    ) -> Result<ImportAnswer> {
        who.require(Action::EditSchool)?;
        let slug = who.school()?.slug.clone();
        let answer = self.import_into(&slug, files, decisions, apply).await?;
        if apply {
            let tenant_id = who.tenant.as_ref().map(|t| t.id);
            let detail = serde_json::json!({ "counts": answer.report.counts });
            if let Err(e) = self
                .store
                .audit(Some(who.user.id), tenant_id, "school.import", &detail)
                .await
            {
                tracing::warn!(error = %e, "could not write audit entry");
            }
        }
        Ok(answer)
    }

    /// The operator's import (`bischeduler import`): no role check, the tenant by slug.
    pub async fn import_into(
        &self,
        slug: &str,
        files: Vec<UploadedFile>,
        decisions: MergeDecisions,
        apply: bool,
    ) -> Result<ImportAnswer> {
        let db = self.store.tenant(slug).await?;
        if files.is_empty() {
            return Err(AppError::field("file", "adjunte al menos un archivo"));
        }
        let options = import_options(&decisions)?;
        let imported = tokio::task::spawn_blocking(move || {
            let inputs: Vec<InputFile<'_>> = files
                .iter()
                .map(|f| InputFile {
                    name: &f.name,
                    bytes: &f.bytes,
                })
                .collect();
            interchange::import(&inputs, &options)
        })
        .await
        .map_err(|e| AppError::Internal(format!("la lectura de archivos se interrumpió: {e}")))?
        .map_err(rejected)?;
        if !apply {
            return Ok(ImportAnswer {
                applied: false,
                report: imported.report,
                written: None,
                timetable_ids: Vec::new(),
            });
        }
        let outcome = db.import_school(&imported.school).await?;
        let timetable_ids = outcome
            .ids
            .get(<domain::Timetable as domain::Resource>::COLLECTION)
            .map(|m| m.values().copied().collect())
            .unwrap_or_default();
        self.forget_tenant_models(db.tenant().id);
        Ok(ImportAnswer {
            applied: true,
            report: imported.report,
            written: Some(outcome),
            timetable_ids,
        })
    }
}

impl App {
    /// `bischeduler demo generate`: a synthetic school of realistic shape, imported into the
    /// tenant `slug` (created when missing).
    pub async fn demo_generate(
        &self,
        slug: &str,
        spec: scheduling::DemoSpec,
    ) -> Result<store::ImportOutcome> {
        if self.store.find_tenant(slug).await?.is_none() {
            self.create_tenant(slug, &format!("Escuela de demostración {slug}"))
                .await?;
        }
        let school = tokio::task::spawn_blocking(move || scheduling::demo_school(&spec))
            .await
            .map_err(|e| AppError::Internal(format!("la generación se interrumpió: {e}")))?;
        let db = self.store.tenant(slug).await?;
        let outcome = db.import_school(&school).await?;
        self.forget_tenant_models(db.tenant().id);
        Ok(outcome)
    }
}

/// A flat import template, ready to download.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl App {
    /// `GET /api/v1/templates/{kind}?format=xlsx|csv`: anyone who reads the school. `kind` in
    /// English or Spanish ("teachers" or "docentes").
    pub async fn template(&self, who: &Principal, kind: &str, csv: bool) -> Result<TemplateFile> {
        who.require(Action::ReadSchool)?;
        template_file(kind, csv).await
    }
}

/// The template `kind` as xlsx or CSV; NotFound naming the known kinds.
pub async fn template_file(kind: &str, csv: bool) -> Result<TemplateFile> {
    let kind = interchange::TemplateKind::parse(kind).ok_or_else(|| {
        let known: Vec<&str> = interchange::TemplateKind::ALL
            .iter()
            .map(|k| k.english())
            .collect();
        AppError::NotFound(format!(
            "no hay plantilla «{kind}»; use una de: {}",
            known.join(", ")
        ))
    })?;
    let (format, ext, content_type) = if csv {
        (
            interchange::TemplateFormat::Csv,
            "csv",
            "text/csv; charset=utf-8",
        )
    } else {
        (
            interchange::TemplateFormat::Xlsx,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    };
    let bytes = tokio::task::spawn_blocking(move || interchange::template(kind, format))
        .await
        .map_err(|e| AppError::Internal(format!("la plantilla se interrumpió: {e}")))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(TemplateFile {
        file_name: format!("{}.{ext}", kind.spanish()),
        content_type,
        bytes,
    })
}

fn import_options(decisions: &MergeDecisions) -> Result<ImportOptions> {
    let mut options = ImportOptions {
        refused_merges: BTreeSet::new(),
        mappings: Vec::<NameMapping>::new(),
    };
    for name in &decisions.refused {
        options.refuse(name);
    }
    if let Some(text) = &decisions.mappings {
        options.mappings = interchange::parse_mappings(text)
            .map_err(|e| AppError::field("merges", e.to_string()))?;
    }
    Ok(options)
}

/// A rejected import as field errors: one entry per place (file, sheet, cell), so the API's
/// 422 and the CLI's exit 2 list every problem where the user can find it.
fn rejected(e: interchange::InterchangeError) -> AppError {
    let mut fields = FieldErrors::default();
    let problems = e.problems();
    if problems.is_empty() {
        fields.add("file", e.to_string());
    }
    for p in problems {
        fields.add(p.location.to_string(), p.message.clone());
    }
    AppError::Validation(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_imports_name_each_place() {
        let e = interchange::import(
            &[InputFile {
                name: "roto.xlsx",
                bytes: b"no es un libro",
            }],
            &ImportOptions::default(),
        )
        .expect_err("a broken workbook is rejected");
        let AppError::Validation(fields) = rejected(e) else {
            panic!("expected field errors");
        };
        assert!(fields.0.keys().any(|k| k.contains("roto.xlsx")), "{fields}");
    }

    #[test]
    fn a_bad_mapping_line_is_a_field_error() {
        let decisions = MergeDecisions {
            refused: vec![],
            mappings: Some("GIOVANNI VEZZA GIOVANNY VEZZA".into()),
        };
        assert!(matches!(
            import_options(&decisions),
            Err(AppError::Validation(f)) if f.0.contains_key("merges")
        ));
    }
}
