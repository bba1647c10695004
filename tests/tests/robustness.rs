//! Malformed requests get a typed 4xx envelope, never a 500, and the server keeps serving.

use roq_users_tests::TestServer;
use serde_json::json;

async fn headers(s: &TestServer) -> Vec<(&'static str, String)> {
    let creds = s.credentials();
    let token = s.admin_token_for(&creds).await;
    TestServer::server_headers(&creds, &token)
}

#[tokio::test]
async fn bad_bodies() {
    let s = TestServer::start().await;
    let h = headers(&s).await;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("application/json", b"{not json".to_vec()),
        ("application/json", b"".to_vec()),
        ("application/json", b"[1, 2]".to_vec()),
        ("application/json", b"{\"query\": 42}".to_vec()),
        ("application/json", vec![0xff, 0xfe, 0x00]),
        (
            "text/plain",
            br#"{"query": "{ users { totalCount } }"}"#.to_vec(),
        ),
        ("application/x-www-form-urlencoded", b"query=1".to_vec()),
    ];
    for (content_type, body) in cases {
        for path in ["/v01/server/graphql", "/v01/authorize/serviceAccount"] {
            let reply = s.post_raw(path, &h, content_type, body.clone()).await;
            assert_eq!(
                reply.status,
                400,
                "{path} {content_type} {:?}",
                String::from_utf8_lossy(&body)
            );
            assert_eq!(reply.error_code(), Some("VALIDATION_ERROR"));
            assert_eq!(reply.body["statusCode"], 400);
        }
    }
    // The server still answers.
    assert_eq!(s.users(json!({})).await.data("users")["totalCount"], 0);
}

#[tokio::test]
async fn oversize_bodies_are_refused_whole() {
    let s = TestServer::start_with(|c| c.body_limit = 64 * 1024).await;
    let h = headers(&s).await;
    let blob = "x".repeat(100 * 1024);
    let body = json!({
        "query": "mutation($u: UserCreateDto!) { createUser(user: $u) { id } }",
        "variables": {"u": {"reference": "big", "email": "big@x.io", "firstName": blob}}
    });
    let reply = s.post("/v01/server/graphql", &h, &body).await;
    assert_eq!(
        (reply.status, reply.error_code()),
        (413, Some("PAYLOAD_TOO_LARGE"))
    );
    // Chunked, without a Content-Length.
    let stream = futures::stream::iter(vec![Ok::<_, std::io::Error>(
        serde_json::to_vec(&body).expect("json"),
    )]);
    let mut request = roq_users_tests::http_client()
        .post(s.url("/v01/server/graphql"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(stream));
    for (k, v) in &h {
        request = request.header(*k, v);
    }
    let response = request.send().await.expect("sent");
    assert_eq!(response.status().as_u16(), 413);
    assert_eq!(
        s.users(json!({"filter": {"withDeactivated": {"equalTo": true}}}))
            .await
            .data("users")["totalCount"],
        0
    );
}

#[tokio::test]
async fn documents_that_do_not_fit_the_schema() {
    let s = TestServer::start().await;
    let cases = [
        "{ users { nope } }",
        "{ nope }",
        "query { users(filter: {nope: {equalTo: 1}}) { totalCount } }",
        "mutation { createUser(user: {reference: \"x\"}) { id } }",
        "{ users(limit: \"ten\") { totalCount } }",
        "{ users { totalCount ",
        "",
        "subscription { users { totalCount } }",
        "{ users(order: {order: UP, sort: email}) { totalCount } }",
    ];
    for query in cases {
        let reply = s.admin(query, json!({})).await;
        assert_eq!(reply.status, 400, "{query}: {}", reply.body);
        assert_eq!(
            reply.error_code(),
            Some("GRAPHQL_VALIDATION_FAILED"),
            "{query}"
        );
        assert_eq!(reply.error_status(), Some(400));
        // The second time the document comes from the server's parsed-document cache: it
        // must be judged exactly as the first time.
        let again = s.admin(query, json!({})).await;
        assert_eq!(
            (again.status, &again.body),
            (reply.status, &reply.body),
            "{query}"
        );
    }
    // Variables of the wrong type.
    let reply = s
        .admin(
            "query($l: Int) { users(limit: $l) { totalCount } }",
            json!({"l": "many"}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("GRAPHQL_VALIDATION_FAILED"));
}

#[tokio::test]
async fn deep_and_huge_documents() {
    let s = TestServer::start().await;
    // A selection beyond the depth limit, and brackets nested past the parser's limit.
    let deep = "{ users { data { roles { data { userGroups { data { roles { data { userGroups { data { roles { data { id } } } } } } } } } } } } }";
    for q in [deep.to_string(), "{".repeat(5000) + &"}".repeat(5000)] {
        for _cached in [false, true] {
            let reply = s.admin(&q, json!({})).await;
            assert_eq!(reply.status, 400, "{}", reply.body);
            assert_eq!(reply.error_code(), Some("GRAPHQL_VALIDATION_FAILED"));
        }
    }
    // Deeply nested JSON variables.
    let nested = "[".repeat(10_000) + &"]".repeat(10_000);
    let body =
        format!(r#"{{"query": "{{ users {{ totalCount }} }}", "variables": {{"x": {nested}}}}}"#);
    let reply = s
        .post_raw(
            "/v01/server/graphql",
            &headers(&s).await,
            "application/json",
            body.into_bytes(),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert!(reply.error_code().is_some());
    assert_eq!(s.users(json!({})).await.data("users")["totalCount"], 0);
}

#[tokio::test]
async fn unknown_routes_and_health() {
    let s = TestServer::start().await;
    let reply = s.post("/v01/nope", &[], &json!({})).await;
    assert_eq!(reply.status, 404);
    assert!(reply.error_code().is_some());
    let health = roq_users_tests::http_client()
        .get(s.url("/health"))
        .send()
        .await
        .expect("health");
    assert_eq!(health.status().as_u16(), 200);
    let body: serde_json::Value = health.json().await.expect("json");
    assert_eq!(body["status"], "ok");
    let graphiql = roq_users_tests::http_client()
        .get(s.url("/v01/server/graphql"))
        .send()
        .await
        .expect("graphiql");
    assert_eq!(graphiql.status().as_u16(), 200);
    assert!(graphiql.text().await.expect("html").contains("graphiql"));
}

#[tokio::test]
async fn hostile_strings_are_data_not_sql() {
    let s = TestServer::start().await;
    let nasty = "x'); DROP TABLE users; --";
    s.must_create(json!({"reference": nasty, "email": "n@x.io", "lastName": "O'Brien\"; --"}))
        .await;
    let page = s
        .users(json!({"filter": {"reference": {"equalTo": nasty}}}))
        .await
        .data("users");
    assert_eq!(page["totalCount"], 1);
    let page = s
        .users(json!({"search": {"key": "lastName", "value": "\"; --"}}))
        .await
        .data("users");
    assert_eq!(page["totalCount"], 1);
    let page = s
        .users(json!({"filter": {"search": "\\"}}))
        .await
        .data("users");
    assert_eq!(page["totalCount"], 0);
}
