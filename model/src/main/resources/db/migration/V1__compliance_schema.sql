-- The PostgreSQL compliance schema, exactly as the seed ("PostgreSQL Tables") gives it:
-- Ed-Fi tables (schools, students, student_school_associations), OneRoster tables (organizations, users)
-- and the profile sync log, with every index the seed names.

CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- Ed-Fi Data Standard v5.2 ------------------------------------------------------------------------------------

CREATE TABLE schools (
    school_id INTEGER PRIMARY KEY,
    state_organization_id VARCHAR(60) NOT NULL,
    name_of_institution VARCHAR(255) NOT NULL,
    short_name_of_institution VARCHAR(100),
    web_site VARCHAR(255),
    operational_status_descriptor VARCHAR(50),
    type_descriptor VARCHAR(50),
    charter_status_descriptor VARCHAR(50),
    local_education_agency_id INTEGER,

    -- Contact Information (Ed-Fi Address structure)
    addresses JSONB DEFAULT '[]',
    telephones JSONB DEFAULT '[]',

    -- School Categories and Grade Levels
    school_categories JSONB DEFAULT '[]',
    grade_levels JSONB DEFAULT '[]',

    -- Ed-Fi Metadata
    _etag VARCHAR(50),
    _last_modified_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP,

    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_schools_lea ON schools (local_education_agency_id);
CREATE INDEX idx_schools_state_org ON schools (state_organization_id);
CREATE INDEX idx_schools_operational_status ON schools (operational_status_descriptor);

CREATE TABLE students (
    student_unique_id VARCHAR(50) PRIMARY KEY,
    student_usi INTEGER UNIQUE NOT NULL,

    -- Personal Information
    first_name VARCHAR(100) NOT NULL,
    last_name VARCHAR(100) NOT NULL,
    middle_name VARCHAR(100),
    generation_code_suffix VARCHAR(10),

    -- Demographics
    birth_date DATE,
    birth_city VARCHAR(100),
    birth_state_abbreviation_descriptor VARCHAR(50),
    hispanic_latino_ethnicity BOOLEAN,
    races JSONB DEFAULT '[]',

    -- Ed-Fi Metadata
    _etag VARCHAR(50),
    _last_modified_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP,

    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_students_birth_date ON students (birth_date);
CREATE INDEX idx_students_ethnicity ON students (hispanic_latino_ethnicity);

CREATE TABLE student_school_associations (
    student_unique_id VARCHAR(50) NOT NULL,
    school_id INTEGER NOT NULL,
    entry_date DATE NOT NULL,

    PRIMARY KEY (student_unique_id, school_id, entry_date),
    FOREIGN KEY (student_unique_id) REFERENCES students(student_unique_id),
    FOREIGN KEY (school_id) REFERENCES schools(school_id),

    -- Entry Information
    entry_grade_level_descriptor VARCHAR(50),
    entry_type_descriptor VARCHAR(50),
    repeat_grade_indicator BOOLEAN,

    -- Exit Information
    exit_withdraw_date DATE,
    exit_withdraw_type_descriptor VARCHAR(50),

    -- Academic Information
    class_of_school_year INTEGER,
    school_year INTEGER NOT NULL,

    -- Ed-Fi Metadata
    _etag VARCHAR(50),
    _last_modified_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP,

    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_student_school_student ON student_school_associations (student_unique_id);
CREATE INDEX idx_student_school_year ON student_school_associations (school_year);
CREATE INDEX idx_student_school_active ON student_school_associations (school_id, school_year)
    WHERE exit_withdraw_date IS NULL;

-- OneRoster v1.2 ----------------------------------------------------------------------------------------------

CREATE TABLE organizations (
    sourced_id VARCHAR(255) PRIMARY KEY,
    status VARCHAR(20) DEFAULT 'active',
    date_last_modified TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    metadata JSONB,
    name VARCHAR(255) NOT NULL,
    type VARCHAR(50) NOT NULL, -- school, district, department
    identifier VARCHAR(255),
    parent_id VARCHAR(255) REFERENCES organizations(sourced_id)
);

CREATE INDEX idx_organizations_type ON organizations (type);
CREATE INDEX idx_organizations_parent ON organizations (parent_id);

CREATE TABLE users (
    sourced_id VARCHAR(255) PRIMARY KEY,
    status VARCHAR(20) DEFAULT 'active',
    date_last_modified TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    metadata JSONB,
    username VARCHAR(255) UNIQUE,
    enabled_user BOOLEAN DEFAULT true,

    -- Name fields
    given_name VARCHAR(255),
    family_name VARCHAR(255),
    middle_name VARCHAR(255),

    -- Role and Contact
    role VARCHAR(50) NOT NULL, -- student, teacher, administrator, parent, guardian
    email VARCHAR(255),
    phone VARCHAR(20),

    -- Organizational
    org_ids JSONB, -- Array of organization IDs
    grades JSONB,  -- Array of grade levels

    -- DynamoDB Integration
    profile_id VARCHAR(255), -- Links to DynamoDB profiles

    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_users_role_org ON users (role, (org_ids->>0));
CREATE INDEX idx_users_email ON users (email);
CREATE INDEX idx_users_profile_id ON users (profile_id);

-- Data sync ---------------------------------------------------------------------------------------------------

CREATE TABLE profile_sync_log (
    sync_id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    profile_id VARCHAR(255) NOT NULL,
    user_sourced_id VARCHAR(255),
    sync_type VARCHAR(50) NOT NULL, -- 'create', 'update', 'delete'
    sync_status VARCHAR(20) DEFAULT 'pending',
    sync_data JSONB,
    error_message TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMP
);

-- Beyond the seed, allowed by architecture.md (sync-service's queue of work and its per-profile history).
CREATE INDEX idx_profile_sync_log_status_created ON profile_sync_log (sync_status, created_at);
CREATE INDEX idx_profile_sync_log_profile ON profile_sync_log (profile_id);
