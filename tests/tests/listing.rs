//! users(): every filter operator, both search forms, ordering, paging (SPEC §4).

use roq_users_tests::TestServer;
use serde_json::{Value, json};
use std::cmp::Ordering;

/// Six users; `d%4` is deactivated, `c_3` opted in.
async fn fixture() -> (TestServer, Vec<Value>) {
    let s = TestServer::start().await;
    let inputs = [
        json!({"reference": "a-1", "email": "alice@acme.com", "firstName": "Alice", "lastName": "Smith",
               "phone": "+4930111", "locale": "en-US", "timezone": "Europe/Berlin"}),
        json!({"reference": "b-2", "email": "BOB@acme.com", "firstName": "bob",
               "locale": "de-DE", "timezone": "America/New_York"}),
        json!({"reference": "c_3", "email": "carol@other.org", "firstName": "Carol", "lastName": "Smithers",
               "phone": "+4930222", "isOptedIn": true}),
        json!({"reference": "d%4", "email": "dave@acme.com", "firstName": "Dave", "lastName": "O'Neil",
               "active": false}),
        json!({"reference": "cx3", "email": "émile@acme.com", "firstName": "Émile", "lastName": "smith",
               "locale": "fr-FR", "timezone": "Europe/Paris", "phone": "+331234"}),
        json!({"reference": "f-6", "email": "frank@ACME.com", "firstName": "Frank", "lastName": "Zed",
               "locale": "en-US", "timezone": "Europe/Berlin"}),
    ];
    let mut users = Vec::new();
    for input in inputs {
        users.push(s.must_create(input).await);
    }
    (s, users)
}

fn sorted(mut refs: Vec<String>) -> Vec<String> {
    refs.sort();
    refs
}

async fn refs(s: &TestServer, filter: Value) -> Vec<String> {
    sorted(s.references(json!({ "filter": filter })).await)
}

fn list(items: &[&str]) -> Vec<String> {
    sorted(items.iter().map(|s| s.to_string()).collect())
}

#[tokio::test]
async fn equality_and_null_semantics() {
    let (s, _) = fixture().await;
    assert_eq!(
        refs(&s, json!({"lastName": {"equalTo": "Smith"}})).await,
        list(&["a-1"])
    );
    assert_eq!(
        refs(&s, json!({"lastName": {"equalTo": null}})).await,
        list(&["b-2"])
    );
    assert_eq!(
        refs(&s, json!({"lastName": {"notEqualTo": null}})).await,
        list(&["a-1", "c_3", "cx3", "f-6"])
    );
    // SQL semantics: a NULL column matches no value comparison.
    assert_eq!(
        refs(&s, json!({"lastName": {"notEqualTo": "Smith"}})).await,
        list(&["c_3", "cx3", "f-6"])
    );
    assert_eq!(
        refs(
            &s,
            json!({"phone": {"equalTo": null}, "locale": {"equalTo": null}})
        )
        .await,
        list(&[])
    );
    assert_eq!(
        refs(&s, json!({"timezone": {"equalTo": null}})).await,
        list(&["c_3"])
    );
}

#[tokio::test]
async fn value_lists() {
    let (s, _) = fixture().await;
    assert_eq!(
        refs(
            &s,
            json!({"reference": {"valueIn": ["a-1", "c_3", "nope"]}})
        )
        .await,
        list(&["a-1", "c_3"])
    );
    assert_eq!(
        refs(&s, json!({"reference": {"valueIn": []}})).await,
        list(&[])
    );
    assert_eq!(
        refs(&s, json!({"reference": {"valueNotIn": ["a-1", "b-2"]}})).await,
        list(&["c_3", "cx3", "f-6"])
    );
    assert_eq!(
        refs(&s, json!({"reference": {"valueNotIn": []}})).await,
        list(&["a-1", "b-2", "c_3", "cx3", "f-6"])
    );
    // Operators on one field are ANDed.
    assert_eq!(
        refs(
            &s,
            json!({"reference": {"valueIn": ["a-1", "b-2"], "notEqualTo": "a-1"}})
        )
        .await,
        list(&["b-2"])
    );
}

#[tokio::test]
async fn like_is_case_sensitive_and_ilike_is_not() {
    let (s, _) = fixture().await;
    assert_eq!(
        refs(&s, json!({"firstName": {"like": "b%"}})).await,
        list(&["b-2"])
    );
    assert_eq!(
        refs(&s, json!({"firstName": {"like": "B%"}})).await,
        list(&[])
    );
    assert_eq!(
        refs(&s, json!({"firstName": {"iLike": "B%"}})).await,
        list(&["b-2"])
    );
    assert_eq!(
        refs(&s, json!({"email": {"like": "%@acme.com"}})).await,
        list(&["a-1", "b-2", "cx3"])
    );
    assert_eq!(
        refs(&s, json!({"email": {"iLike": "%@ACME.COM"}})).await,
        list(&["a-1", "b-2", "cx3", "f-6"])
    );
    // Non-ASCII case folding.
    assert_eq!(
        refs(&s, json!({"firstName": {"iLike": "émile"}})).await,
        list(&["cx3"])
    );
    // `_` is one character, `%` any run; `\` escapes them.
    assert_eq!(
        refs(&s, json!({"reference": {"like": "c_3"}})).await,
        list(&["c_3", "cx3"])
    );
    assert_eq!(
        refs(&s, json!({"reference": {"like": "c\\_3"}})).await,
        list(&["c_3"])
    );
    assert_eq!(
        refs(&s, json!({"lastName": {"like": "Smith_"}})).await,
        list(&[])
    );
    assert_eq!(
        refs(&s, json!({"lastName": {"like": "Smith%"}})).await,
        list(&["a-1", "c_3"])
    );
    assert_eq!(
        refs(&s, json!({"lastName": {"iLike": "smith%"}})).await,
        list(&["a-1", "c_3", "cx3"])
    );
    assert_eq!(
        refs(
            &s,
            json!({"reference": {"like": "d\\%4"}, "withDeactivated": {"equalTo": true}})
        )
        .await,
        list(&["d%4"])
    );
}

#[tokio::test]
async fn deactivated_users_are_left_out_by_default() {
    let (s, _) = fixture().await;
    let all_active = list(&["a-1", "b-2", "c_3", "cx3", "f-6"]);
    assert_eq!(refs(&s, json!({})).await, all_active);
    assert_eq!(
        sorted(s.references(json!({})).await),
        all_active,
        "no filter at all"
    );
    assert_eq!(
        refs(&s, json!({"withDeactivated": {"equalTo": false}})).await,
        all_active
    );
    assert_eq!(
        refs(&s, json!({"withDeactivated": {"equalTo": true}})).await,
        list(&["a-1", "b-2", "c_3", "cx3", "d%4", "f-6"])
    );
    assert_eq!(
        refs(&s, json!({"active": {"equalTo": false}})).await,
        list(&["d%4"])
    );
    assert_eq!(
        refs(&s, json!({"active": {"notEqualTo": true}})).await,
        list(&["d%4"])
    );
    assert_eq!(
        refs(&s, json!({"active": {"equalTo": true}})).await,
        all_active
    );
}

#[tokio::test]
async fn both_search_forms() {
    let (s, _) = fixture().await;
    assert_eq!(
        refs(&s, json!({"search": "SMITH"})).await,
        list(&["a-1", "c_3", "cx3"])
    );
    assert_eq!(
        refs(&s, json!({"search": "acme"})).await,
        list(&["a-1", "b-2", "cx3", "f-6"])
    );
    // Wildcards in a search are literal.
    assert_eq!(refs(&s, json!({"search": "%"})).await, list(&[]));
    let by_key = |key: &str, value: &str| json!({"search": {"key": key, "value": value}});
    assert_eq!(
        sorted(s.references(by_key("email", "ACME")).await),
        list(&["a-1", "b-2", "cx3", "f-6"])
    );
    assert_eq!(
        sorted(s.references(by_key("lastName", "smith")).await),
        list(&["a-1", "c_3", "cx3"])
    );
    assert_eq!(
        sorted(s.references(by_key("locale", "EN")).await),
        list(&["a-1", "f-6"])
    );
    assert_eq!(
        sorted(s.references(by_key("timezone", "europe/")).await),
        list(&["a-1", "cx3", "f-6"])
    );
    assert_eq!(
        sorted(s.references(by_key("phone", "4930")).await),
        list(&["a-1", "c_3"])
    );
    assert_eq!(
        sorted(s.references(by_key("firstName", "ÉMI")).await),
        list(&["cx3"])
    );
    // Combined with a filter: ANDed.
    let both = json!({"search": {"key": "email", "value": "acme"}, "filter": {"locale": {"equalTo": "en-US"}}});
    assert_eq!(sorted(s.references(both).await), list(&["a-1", "f-6"]));
}

#[tokio::test]
async fn id_tenant_date_and_relation_filters() {
    let (s, users) = fixture().await;
    let id = |i: usize| users[i]["id"].clone();
    assert_eq!(
        refs(&s, json!({"id": {"equalTo": id(0)}})).await,
        list(&["a-1"])
    );
    assert_eq!(
        refs(&s, json!({"id": {"valueIn": [id(0), id(1)]}})).await,
        list(&["a-1", "b-2"])
    );
    assert_eq!(refs(&s, json!({"id": {"valueIn": []}})).await, list(&[]));
    assert_eq!(
        refs(
            &s,
            json!({"id": {"valueNotIn": [id(0)]}, "tenantId": {"equalTo": users[0]["tenantId"]}})
        )
        .await,
        list(&["b-2", "c_3", "cx3", "f-6"])
    );
    assert_eq!(
        refs(&s, json!({"tenantId": {"equalTo": uuid::Uuid::now_v7()}})).await,
        list(&[])
    );
    assert_eq!(
        refs(
            &s,
            json!({"optedInAt": {"moreThan": "2000-01-01T00:00:00.000Z"}})
        )
        .await,
        list(&["c_3"])
    );
    assert_eq!(
        refs(
            &s,
            json!({"optedInAt": {"lessThan": "2000-01-01T00:00:00Z"}})
        )
        .await,
        list(&[])
    );
    assert_eq!(
        refs(&s, json!({"optedInAt": {"equalTo": null}})).await,
        list(&["a-1", "b-2", "cx3", "f-6"])
    );
    // Roles and user groups are not implemented: nobody has any.
    assert_eq!(
        refs(&s, json!({"roleId": {"equalTo": uuid::Uuid::now_v7()}})).await,
        list(&[])
    );
    assert_eq!(
        refs(&s, json!({"roleKey": {"valueIn": ["admin"]}})).await,
        list(&[])
    );
    assert_eq!(
        refs(&s, json!({"userGroupName": {"equalTo": null}}))
            .await
            .len(),
        5
    );
    let bad = s
        .users(json!({"filter": {"id": {"valueIn": ["x", id(0)]}}}))
        .await;
    assert_eq!(bad.error_code(), Some("INVALID_UUID"));
    assert_eq!(
        bad.violations(),
        vec![(
            "filter.id.valueIn[0]".to_string(),
            "INVALID_UUID".to_string()
        )]
    );
    let bad_date = s
        .users(json!({"filter": {"optedInAt": {"moreThan": "yesterday"}}}))
        .await;
    assert_eq!(bad_date.error_code(), Some("GRAPHQL_VALIDATION_FAILED"));
}

const SORT_KEYS: [&str; 9] = [
    "active",
    "createdAt",
    "email",
    "firstName",
    "lastName",
    "locale",
    "phone",
    "timezone",
    "updatedAt",
];

/// Sorts the way the server must: nulls last ascending and first descending, ties by id.
fn expected(users: &[Value], key: &str, asc: bool) -> Vec<String> {
    let mut rows: Vec<&Value> = users.iter().collect();
    rows.sort_by(|a, b| {
        let by_key = match (&a[key], &b[key]) {
            (Value::Null, Value::Null) => Ordering::Equal,
            (Value::Null, _) => Ordering::Greater,
            (_, Value::Null) => Ordering::Less,
            (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
            (x, y) => x.as_str().cmp(&y.as_str()),
        };
        let by_id = a["id"].as_str().cmp(&b["id"].as_str());
        let order = by_key.then(by_id);
        let nulls_differ = a[key].is_null() != b[key].is_null();
        if asc || nulls_differ {
            order
        } else {
            order.reverse()
        }
    });
    if !asc {
        // Descending puts nulls first.
        rows.sort_by_key(|u| !u[key].is_null());
    }
    rows.iter()
        .map(|u| u["reference"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn every_sort_key_both_directions_with_stable_pages() {
    let (s, _) = fixture().await;
    let all = json!({"withDeactivated": {"equalTo": true}});
    let users = s
        .users(json!({"filter": all, "limit": 1000}))
        .await
        .data("users");
    let users = users["data"].as_array().expect("list").clone();
    assert_eq!(users.len(), 6);
    for key in SORT_KEYS {
        for (dir, asc) in [("ASC", true), ("DESC", false)] {
            let order = json!({"order": dir, "sort": key});
            let full = s.references(json!({"filter": all, "order": order})).await;
            assert_eq!(full, expected(&users, key, asc), "order by {key} {dir}");
            let mut paged = Vec::new();
            for offset in (0..6).step_by(4) {
                paged.extend(
                    s.references(
                        json!({"filter": all, "order": order, "limit": 4, "offset": offset}),
                    )
                    .await,
                );
            }
            assert_eq!(paged, full, "pages of {key} {dir} join up");
        }
    }
    // Default order: createdAt DESC.
    let default = s.references(json!({"filter": all})).await;
    assert_eq!(default, expected(&users, "createdAt", false));
}

#[tokio::test]
async fn limit_offset_and_total_count() {
    let (s, _) = fixture().await;
    let page = s
        .users(json!({"limit": 2, "offset": 1}))
        .await
        .data("users");
    assert_eq!(page["data"].as_array().map(Vec::len), Some(2));
    assert_eq!(page["totalCount"], 5, "totalCount ignores limit and offset");
    let empty = s.users(json!({"limit": 0})).await.data("users");
    assert_eq!(empty["data"], json!([]));
    assert_eq!(empty["totalCount"], 5);
    let past = s.users(json!({"offset": 50})).await.data("users");
    assert_eq!(past["data"], json!([]));
    assert_eq!(
        s.users(json!({"limit": 1000})).await.data("users")["totalCount"],
        5
    );
    for (args, field) in [
        (json!({"limit": -1}), "limit"),
        (json!({"limit": 1001}), "limit"),
        (json!({"offset": -1}), "offset"),
    ] {
        let reply = s.users(args.clone()).await;
        assert_eq!(reply.error_code(), Some("VALIDATION_ERROR"), "{args}");
        assert_eq!(
            reply.violations(),
            vec![(field.to_string(), "OUT_OF_RANGE".to_string())]
        );
    }
}

/// The rows and the total are read only when selected: each selection alone answers the same
/// as both together, and validation and permissions apply whatever is selected.
#[tokio::test]
async fn rows_and_total_count_can_be_selected_alone() {
    let (s, _) = fixture().await;
    let both = s
        .users(json!({"limit": 2, "offset": 1}))
        .await
        .data("users");
    let rows_only = s
        .admin(
            "query($limit: Int, $offset: Int) { users(limit: $limit, offset: $offset) { data { id } } }",
            json!({"limit": 2, "offset": 1}),
        )
        .await
        .data("users");
    assert_eq!(
        rows_only,
        json!({"data": both["data"].as_array().map(|rows| {
            rows.iter().map(|u| json!({"id": u["id"]})).collect::<Vec<_>>()
        })})
    );
    let count_only = s
        .admin("{ users(limit: 2) { totalCount } }", json!({}))
        .await
        .data("users");
    assert_eq!(count_only, json!({"totalCount": 5}));
    let filtered = s
        .admin(
            "{ users(filter: {email: {iLike: \"%@ACME.COM\"}}) { totalCount } }",
            json!({}),
        )
        .await
        .data("users");
    assert_eq!(filtered, json!({"totalCount": 4}), "active acme.com users");
    let invalid = s
        .admin("{ users(limit: 1001) { totalCount } }", json!({}))
        .await;
    assert_eq!(invalid.error_code(), Some("VALIDATION_ERROR"));
}

#[tokio::test]
async fn reads_see_acknowledged_writes() {
    let s = TestServer::start().await;
    for i in 0..20 {
        s.must_create(json!({"reference": format!("r{i}"), "email": format!("u{i}@x.io")}))
            .await;
        let page = s
            .users(json!({"filter": {"reference": {"equalTo": format!("r{i}")}}}))
            .await
            .data("users");
        assert_eq!(page["totalCount"], 1);
        assert_eq!(s.users(json!({})).await.data("users")["totalCount"], i + 1);
    }
}
