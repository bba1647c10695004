//! A cache of parsed GraphQL documents, keyed by their text.
//!
//! Clients send the same few documents again and again (ROQ's SDKs and ours each have a
//! fixed set), and parsing one is a real share of a request's CPU time: about 15% of a
//! `user(id)` request with the SDKs' full-field document (`./scripts/profile`). A document
//! is parsed once and cloned from the cache after that; validation and every limit (depth,
//! complexity, directives) still run on every request. Documents that do not parse are not
//! cached, so their errors are exactly those of a fresh parse. The cache is bounded in
//! entries and in the size of what it keeps, so a client sending endless distinct documents
//! costs at most [`CAPACITY`] × [`LARGEST_CACHED`] bytes of text (plus their trees), and
//! evicts (quick_cache's S3-FIFO) documents seen once before those seen often.

use async_graphql::parser::types::ExecutableDocument;

/// Documents kept at most.
pub const CAPACITY: usize = 1024;
/// Longest document text (bytes) that is cached; longer ones are parsed every time.
pub const LARGEST_CACHED: usize = 8 * 1024;

/// Parsed documents by text; cheap to share across requests.
pub struct DocumentCache {
    parsed: quick_cache::sync::Cache<String, ExecutableDocument>,
}

impl Default for DocumentCache {
    fn default() -> Self {
        DocumentCache {
            parsed: quick_cache::sync::Cache::new(CAPACITY),
        }
    }
}

impl std::fmt::Debug for DocumentCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentCache")
            .field("len", &self.parsed.len())
            .finish()
    }
}

impl DocumentCache {
    /// Gives `request` its parsed document from the cache, or parses its text and caches
    /// the result when it parses. A text that does not parse is left for the schema to
    /// parse (and report) as usual.
    pub fn prepare(&self, request: &mut async_graphql::Request) {
        if request.query.len() > LARGEST_CACHED {
            return;
        }
        if let Some(document) = self.parsed.get(request.query.as_str()) {
            request.set_parsed_query(document);
            return;
        }
        if let Ok(document) = async_graphql::parser::parse_query(&request.query) {
            self.parsed.insert(request.query.clone(), document.clone());
            request.set_parsed_query(document);
        }
    }

    /// How many documents are cached.
    pub fn len(&self) -> usize {
        self.parsed.len()
    }

    /// Whether no document is cached.
    pub fn is_empty(&self) -> bool {
        self.parsed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caches_documents_that_parse_and_only_those() {
        let cache = DocumentCache::default();
        let mut first = async_graphql::Request::new("{ users { totalCount } }");
        cache.prepare(&mut first);
        assert_eq!(cache.len(), 1);
        let mut again = async_graphql::Request::new("{ users { totalCount } }");
        cache.prepare(&mut again);
        assert_eq!(cache.len(), 1);
        assert_eq!(
            again
                .parsed_query()
                .map(|d| d.operations.iter().count())
                .ok(),
            Some(1)
        );

        let mut broken = async_graphql::Request::new("{ users { ");
        cache.prepare(&mut broken);
        assert_eq!(
            cache.len(),
            1,
            "a document that does not parse is not cached"
        );
        assert!(broken.parsed_query().is_err(), "its parse error stands");

        let long = format!("{{ users {{ totalCount }} }}{}", " ".repeat(LARGEST_CACHED));
        cache.prepare(&mut async_graphql::Request::new(long));
        assert_eq!(cache.len(), 1, "an over-long document is not cached");
    }
}
