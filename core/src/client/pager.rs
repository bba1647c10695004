//! [`UsersPager`]: every page of a users() query, one page at a time (the one paging rule
//! that `users_stream` and every binding's iterator use).

use super::Scope;
use crate::{DEFAULT_LIMIT, Error, MAX_LIMIT, User, UsersQuery};

/// Walks the pages of a query: `query.limit` is the page size (default 100), `query.offset`
/// the start; it ends after the first page shorter than the page size. Holds no rows itself.
#[derive(Debug, Clone)]
pub struct UsersPager {
    scope: Scope,
    query: UsersQuery,
    page_size: i64,
    offset: i64,
    done: bool,
}

impl UsersPager {
    pub(crate) fn new(scope: Scope, query: UsersQuery) -> UsersPager {
        let page_size = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let offset = query.offset.unwrap_or(0);
        UsersPager {
            scope,
            query,
            page_size,
            offset,
            done: false,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<Vec<User>>, Error> {
        if self.done {
            return Ok(None);
        }
        let query = UsersQuery {
            limit: Some(self.page_size),
            offset: Some(self.offset),
            ..self.query.clone()
        };
        let page = self.scope.users_rows(query).await?;
        let rows = i64::try_from(page.len()).unwrap_or(i64::MAX);
        self.offset = self.offset.saturating_add(rows);
        self.done = rows < self.page_size;
        if page.is_empty() {
            return Ok(None);
        }
        Ok(Some(page))
    }
}
