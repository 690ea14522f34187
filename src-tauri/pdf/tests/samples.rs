//! Writes sample PDFs for people to look at: `DEBRIEF_PDF_OUT=dir cargo test -p debrief-pdf
//! --test samples -- --ignored`.

mod common;

use debrief_pdf::{render, Audience};

#[test]
#[ignore = "writes files; run by hand to look at the PDFs"]
fn write_samples() {
    let out =
        std::path::PathBuf::from(std::env::var("DEBRIEF_PDF_OUT").unwrap_or_else(|_| ".".into()));
    let report = common::full_report();
    for (name, audience) in [
        ("internal", Audience::Internal),
        ("external", Audience::External),
    ] {
        let pdf = render(&report, audience).unwrap();
        std::fs::write(out.join(format!("{name}.pdf")), pdf).unwrap();
    }
    let long = common::long_report(60);
    std::fs::write(
        out.join("long.pdf"),
        render(&long, Audience::Internal).unwrap(),
    )
    .unwrap();
}
