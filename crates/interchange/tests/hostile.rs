//! Hostile workbooks are refused before they cost memory shared by every school on the server.

use interchange::{ImportOptions, InputFile, import};
use std::io::Write;

fn rejected_with(name: &str, bytes: Vec<u8>, needle: &str) {
    let files = [InputFile {
        name,
        bytes: &bytes,
    }];
    let err = import(&files, &ImportOptions::default()).expect_err("must be refused");
    let text = err.to_string()
        + &err
            .problems()
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("; ");
    assert!(text.contains(needle), "{text}");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    // 32 MB of one letter packs into a few tens of kilobytes: no real workbook compresses so.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let chunk = vec![b'a'; 1024 * 1024];
    for _ in 0..32 {
        zip.write_all(&chunk).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    rejected_with("bomba.xlsx", bytes, "demasiado grande al descomprimirlo");
}

#[test]
fn a_cell_longer_than_any_timetable_cell_is_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Hora").unwrap();
    sheet.write_string(1, 0, "x".repeat(5_000)).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    rejected_with("larga.xlsx", bytes, "más de 4000 caracteres");
}
