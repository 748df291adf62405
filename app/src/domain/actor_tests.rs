//! Actors: display and parsing.

use super::*;
use crate::domain::fraud_rule::FraudRule;

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

#[test]
fn actors_have_labels_in_words() {
    let cases = [
        (Actor::System, "System"),
        (Actor::job("provisioner"), "Job: provisioning"),
        (Actor::job("trial_end"), "Job: trial end"),
        (Actor::job("renewal"), "Job: renewal"),
        (Actor::Rule("fraud_screening".into()), "Fraud screening"),
        (
            Actor::Rule("orders_per_email".into()),
            "Fraud rule: orders per email",
        ),
        (
            Actor::Rule("email_confirmation".into()),
            "Rule: email confirmation",
        ),
        (
            Actor::Rule("existing_customer".into()),
            "Rule: existing customer",
        ),
        (Actor::Rule("stale_change".into()), "Rule: stale change"),
        (Actor::Operator("ann@x".into()), "Operator ann@x"),
        (Actor::Customer("bob@x".into()), "Customer bob@x"),
    ];
    for (actor, label) in cases {
        assert_eq!(actor.label(), label);
        assert_eq!(Actor::label_of(&actor.to_string()), label);
    }
    for rule in FraudRule::ALL {
        let label = Actor::Rule(rule.as_str().into()).label();
        assert!(
            label.starts_with("Fraud rule: ") && !label.contains('_'),
            "{label}"
        );
    }
    assert_eq!(Actor::label_of("not an actor"), "not an actor");
}
