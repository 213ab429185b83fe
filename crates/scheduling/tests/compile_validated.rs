//! `compile_validated`: the compile of a school the caller has validated, without validating it
//! again (the FET import validates what it builds; `fet solve` compiles it right after).

use scheduling::{DemoSpec, compile, compile_validated, demo_school};

#[test]
fn a_validated_school_compiles_to_the_same_model_without_a_second_check() {
    let school = demo_school(&DemoSpec::default());
    school.validate().expect("the demo is valid");
    let checked = compile(&school, None).expect("compiles");
    let trusted = compile_validated(&school, None).expect("compiles");
    let size = |c: &scheduling::Compiled| {
        let m = &c.model;
        (
            m.num_events(),
            m.num_resources(),
            m.num_constraints(),
            m.num_monitors(),
        )
    };
    assert_eq!(size(&checked), size(&trusted));
    assert_eq!(checked.constraints.len(), trusted.constraints.len());
}

#[test]
fn compile_still_checks_a_school_it_is_given() {
    let mut school = demo_school(&DemoSpec::default());
    school.lessons[0].data.periods_per_week = 0;
    assert!(compile(&school, None).is_err());
}
