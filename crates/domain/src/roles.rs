use serde::{Deserialize, Serialize};

/// What a user may do in a school (CONTRACT.md, "Roles by default").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    PlatformAdmin,
    SchoolAdmin,
    Coordinator,
    Teacher,
    Parent,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::PlatformAdmin,
        Role::SchoolAdmin,
        Role::Coordinator,
        Role::Teacher,
        Role::Parent,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "platform_admin",
            Role::SchoolAdmin => "school_admin",
            Role::Coordinator => "coordinator",
            Role::Teacher => "teacher",
            Role::Parent => "parent",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Create, change and delete school data and timetables.
    pub fn can_edit_school_data(self) -> bool {
        matches!(
            self,
            Role::PlatformAdmin | Role::SchoolAdmin | Role::Coordinator
        )
    }

    /// Read the school's data and timetables (parents see only their children's, elsewhere).
    pub fn can_read_school_data(self) -> bool {
        !matches!(self, Role::Parent)
    }

    pub fn can_manage_users(self) -> bool {
        matches!(self, Role::PlatformAdmin | Role::SchoolAdmin)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_permissions() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Coordinator.can_edit_school_data());
        assert!(!Role::Coordinator.can_manage_users());
        assert!(!Role::Viewer.can_edit_school_data());
        assert!(Role::Viewer.can_read_school_data());
        assert!(!Role::Parent.can_read_school_data());
    }
}
