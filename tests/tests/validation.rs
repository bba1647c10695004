//! SPEC §5 through the server: each rule's code and field, all violations at once,
//! uniqueness conflicts, and that a refused write leaves nothing behind.

use roq_users_tests::TestServer;
use serde_json::{Value, json};

fn base(overrides: Value) -> Value {
    let mut user = json!({"reference": "ok-ref", "email": "ok@example.com"});
    if let (Some(target), Some(extra)) = (user.as_object_mut(), overrides.as_object()) {
        for (k, v) in extra {
            target.insert(k.clone(), v.clone());
        }
    }
    user
}

#[tokio::test]
async fn each_rule_reports_its_field_and_code() {
    let s = TestServer::start().await;
    let long = "x".repeat(256);
    let cases = [
        (json!({"reference": ""}), "reference", "REQUIRED"),
        (
            json!({"reference": " padded"}),
            "reference",
            "SURROUNDING_WHITESPACE",
        ),
        (
            json!({"reference": "tab\there"}),
            "reference",
            "CONTROL_CHARACTERS",
        ),
        (json!({"reference": long}), "reference", "TOO_LONG"),
        (json!({"email": "not-an-address"}), "email", "INVALID_EMAIL"),
        (
            json!({"email": format!("{}@example.com", "a".repeat(250))}),
            "email",
            "TOO_LONG",
        ),
        (
            json!({"firstName": "x".repeat(256)}),
            "firstName",
            "TOO_LONG",
        ),
        (
            json!({"lastName": "bell\u{7}"}),
            "lastName",
            "CONTROL_CHARACTERS",
        ),
        (json!({"phone": "0301234567"}), "phone", "INVALID_PHONE"),
        (json!({"phone": "+0123"}), "phone", "INVALID_PHONE"),
        (json!({"locale": "en_US"}), "locale", "INVALID_LOCALE"),
        (
            json!({"timezone": "Europe/Atlantis"}),
            "timezone",
            "INVALID_TIMEZONE",
        ),
        (
            json!({"avatarUrl": "ftp://example.com/a.png"}),
            "avatarUrl",
            "INVALID_URL",
        ),
        (
            json!({"avatarUrl": format!("https://example.com/{}", "a".repeat(2048))}),
            "avatarUrl",
            "TOO_LONG",
        ),
        (
            json!({"customData": {"blob": "x".repeat(16 * 1024)}}),
            "customData",
            "TOO_LARGE",
        ),
        (json!({"password": ""}), "password", "REQUIRED"),
        (json!({"roles": ["admin"]}), "roles", "NOT_SUPPORTED"),
    ];
    for (overrides, field, code) in cases {
        let reply = s.create_user(base(overrides.clone())).await;
        assert_eq!(reply.error_code(), Some("VALIDATION_ERROR"), "{overrides}");
        assert_eq!(reply.error_status(), Some(400));
        assert_eq!(
            reply.violations(),
            vec![(field.to_string(), code.to_string())],
            "{overrides}"
        );
    }
    let bad_id = s.create_user(base(json!({"tenantId": "not-a-uuid"}))).await;
    assert_eq!(bad_id.error_code(), Some("INVALID_UUID"));
    // Nothing was written by any refused request.
    assert_eq!(
        s.users(json!({"filter": {"withDeactivated": {"equalTo": true}}}))
            .await
            .data("users")["totalCount"],
        0
    );
}

#[tokio::test]
async fn every_violation_is_reported_at_once() {
    let s = TestServer::start().await;
    let reply = s
        .create_user(
            json!({"reference": " x", "email": "nope", "phone": "1", "timezone": "Nowhere"}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("VALIDATION_ERROR"));
    let fields: Vec<String> = reply.violations().into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["reference", "email", "phone", "timezone"]);
    let first =
        reply.body["errors"][0]["extensions"]["response"]["variables"]["errors"][0]["message"]
            .clone();
    assert_eq!(
        reply.body["errors"][0]["extensions"]["response"]["message"],
        first
    );
}

#[tokio::test]
async fn custom_data_must_be_an_object() {
    let s = TestServer::start().await;
    for not_object in [json!([1, 2]), json!("text"), json!(3)] {
        let reply = s.create_user(base(json!({"customData": not_object}))).await;
        assert_eq!(
            reply.error_code(),
            Some("GRAPHQL_VALIDATION_FAILED"),
            "{not_object}"
        );
    }
}

#[tokio::test]
async fn reference_and_email_are_unique_per_environment() {
    let s = TestServer::start().await;
    let first = s
        .must_create(json!({"reference": "same", "email": "Same@Example.com"}))
        .await;
    let by_ref = s
        .create_user(json!({"reference": "same", "email": "other@example.com"}))
        .await;
    assert_eq!(by_ref.error_code(), Some("USER_REFERENCE_ALREADY_EXISTS"));
    assert_eq!(by_ref.error_status(), Some(409));
    let by_email = s
        .create_user(json!({"reference": "other", "email": "sAME@example.COM"}))
        .await;
    assert_eq!(by_email.error_code(), Some("USER_EMAIL_ALREADY_EXISTS"));
    assert_eq!(by_email.error_status(), Some(409));
    // Updating another user onto a taken e-mail conflicts too, and changes nothing.
    let second = s
        .must_create(json!({"reference": "second", "email": "second@example.com"}))
        .await;
    let reply = s
        .update_user(
            second["id"].as_str().expect("id"),
            json!({"email": "SAME@example.com", "firstName": "Zed"}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("USER_EMAIL_ALREADY_EXISTS"));
    let after = s
        .admin(
            "query($id: ID!) { user(id: $id) { email firstName version } }",
            json!({"id": second["id"]}),
        )
        .await
        .data("user");
    assert_eq!(
        after,
        json!({"email": "second@example.com", "firstName": null, "version": 1})
    );
    // A user may keep (or re-case) its own e-mail.
    let recased = s
        .update_user(
            first["id"].as_str().expect("id"),
            json!({"email": "SAME@example.com"}),
        )
        .await
        .data("updateUser");
    assert_eq!(recased["email"], "SAME@example.com");
    // Deactivated users still hold their reference and e-mail.
    s.update_user(first["id"].as_str().expect("id"), json!({"active": false}))
        .await
        .data("updateUser");
    let again = s
        .create_user(json!({"reference": "same", "email": "fresh@example.com"}))
        .await;
    assert_eq!(again.error_code(), Some("USER_REFERENCE_ALREADY_EXISTS"));
}

#[tokio::test]
async fn concurrent_creates_of_one_reference_yield_one_user() {
    let s = TestServer::start().await;
    let attempts = (0..8)
        .map(|i| s.create_user(json!({"reference": "race", "email": format!("race{i}@x.io")})));
    let replies = futures::future::join_all(attempts).await;
    let created = replies
        .iter()
        .filter(|r| r.body.get("errors").is_none())
        .count();
    let conflicts = replies
        .iter()
        .filter(|r| r.error_code() == Some("USER_REFERENCE_ALREADY_EXISTS"))
        .count();
    assert_eq!((created, conflicts), (1, 7));
}
