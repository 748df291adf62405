//! Actors: display and parsing.

use super::*;

#[test]
fn actors_display_and_parse() {
    let cases = [
        (Actor::System, "system"),
        (Actor::job("trial_end"), "job:trial_end"),
        (Actor::Rule("velocity".into()), "rule:velocity"),
        (Actor::Operator("ann@x".into()), "operator:ann@x"),
        (
            Actor::Customer("bob@example.com".into()),
            "customer:bob@example.com",
        ),
    ];
    for (actor, text) in cases {
        assert_eq!(actor.to_string(), text);
        assert_eq!(text.parse::<Actor>().unwrap(), actor);
        let json = serde_json::to_string(&actor).unwrap();
        assert_eq!(serde_json::from_str::<Actor>(&json).unwrap(), actor);
    }
    assert_eq!(
        "operator:a:b".parse::<Actor>().unwrap(),
        Actor::Operator("a:b".into())
    );
    for bad in [
        "",
        "System",
        "operator:",
        "job:",
        "admin:ann",
        "rule",
        "trial_end",
    ] {
        assert_eq!(
            bad.parse::<Actor>().unwrap_err().to_string(),
            format!("\"{bad}\" is not a known actor")
        );
    }
}
