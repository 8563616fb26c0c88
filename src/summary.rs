//! What a regeneration changed for the user: operations added, removed or changed, each
//! with the handler method to write, delete or fix, and the file it lives in.

use std::fmt;

use crate::workspace::OperationRecord;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationChange {
    Added(OperationRecord),
    Removed(OperationRecord),
    Changed {
        before: OperationRecord,
        after: OperationRecord,
    },
}

/// The changes from `previous` to `current`, in the order of `current` (removals last).
pub fn operation_changes(
    previous: &[OperationRecord],
    current: &[OperationRecord],
) -> Vec<OperationChange> {
    let mut changes = Vec::new();
    for operation in current {
        match previous.iter().find(|old| old.route == operation.route) {
            None => changes.push(OperationChange::Added(operation.clone())),
            Some(old) if old != operation => changes.push(OperationChange::Changed {
                before: old.clone(),
                after: operation.clone(),
            }),
            Some(_) => {}
        }
    }
    for old in previous {
        if !current.iter().any(|operation| operation.route == old.route) {
            changes.push(OperationChange::Removed(old.clone()));
        }
    }
    changes
}

impl fmt::Display for OperationChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Added(operation) => write!(
                f,
                "added   {}: write `{}` in {}:\n            {}",
                operation.route, operation.handler, operation.file, operation.signature
            ),
            Self::Removed(operation) => write!(
                f,
                "removed {}: delete `{}` from {}",
                operation.route, operation.handler, operation.file
            ),
            Self::Changed { before, after }
                if before.handler != after.handler || before.file != after.file =>
            {
                write!(
                    f,
                    "changed {}: `{}` in {} is now `{}` in {}:\n            {}",
                    after.route,
                    before.handler,
                    before.file,
                    after.handler,
                    after.file,
                    after.signature
                )
            }
            Self::Changed { after, .. } => write!(
                f,
                "changed {}: fix `{}` in {} to read:\n            {}",
                after.route, after.handler, after.file, after.signature
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(route: &str, signature: &str) -> OperationRecord {
        OperationRecord {
            route: route.to_owned(),
            handler: "UsersApi::op".to_owned(),
            signature: signature.to_owned(),
            file: "service/src/handlers/users.rs".to_owned(),
        }
    }

    #[test]
    fn added_removed_and_changed_operations_are_told_apart() {
        let before = vec![record("GET /a", "fn a()"), record("GET /b", "fn b()")];
        let after = vec![record("GET /a", "fn a(x: i64)"), record("GET /c", "fn c()")];
        let changes = operation_changes(&before, &after);
        assert!(
            matches!(&changes[0], OperationChange::Changed { after, .. } if after.route == "GET /a")
        );
        assert!(matches!(&changes[1], OperationChange::Added(added) if added.route == "GET /c"));
        assert!(
            matches!(&changes[2], OperationChange::Removed(removed) if removed.route == "GET /b")
        );
        assert_eq!(operation_changes(&after, &after), Vec::new());
    }
}
