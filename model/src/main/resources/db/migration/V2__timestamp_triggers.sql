-- Automatic timestamp triggers for audit trails (seed, "Performance Optimizations"): the database, not the
-- application, owns updated_at, _last_modified_date, date_last_modified and the Ed-Fi _etag, so every writer
-- (Hibernate, plain SQL, a console) keeps them right. One generic function per column, shared by the tables.

CREATE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- Ed-Fi resource metadata.
CREATE FUNCTION set_last_modified_date() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW._last_modified_date := now();
    RETURN NEW;
END;
$$;

-- OneRoster dateLastModified.
CREATE FUNCTION set_date_last_modified() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.date_last_modified := now();
    RETURN NEW;
END;
$$;

-- The Ed-Fi _etag is a hash of the row's content, the metadata columns left out, so it changes exactly when the
-- resource does: an UPDATE that rewrites the same values (or only touches metadata) keeps it.
CREATE FUNCTION set_edfi_etag() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    metadata CONSTANT text[] := ARRAY['_etag', '_last_modified_date', 'created_at', 'updated_at'];
    content jsonb := to_jsonb(NEW) - metadata;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD._etag IS NOT NULL AND content = to_jsonb(OLD) - metadata THEN
        NEW._etag := OLD._etag;
    ELSE
        NEW._etag := md5(content::text);
    END IF;
    RETURN NEW;
END;
$$;

-- Ed-Fi tables: updated_at, _last_modified_date and _etag.
CREATE TRIGGER trg_schools_updated_at BEFORE UPDATE ON schools
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_schools_last_modified_date BEFORE UPDATE ON schools
    FOR EACH ROW EXECUTE FUNCTION set_last_modified_date();
CREATE TRIGGER trg_schools_etag BEFORE INSERT OR UPDATE ON schools
    FOR EACH ROW EXECUTE FUNCTION set_edfi_etag();

CREATE TRIGGER trg_students_updated_at BEFORE UPDATE ON students
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_students_last_modified_date BEFORE UPDATE ON students
    FOR EACH ROW EXECUTE FUNCTION set_last_modified_date();
CREATE TRIGGER trg_students_etag BEFORE INSERT OR UPDATE ON students
    FOR EACH ROW EXECUTE FUNCTION set_edfi_etag();

CREATE TRIGGER trg_student_school_associations_updated_at BEFORE UPDATE ON student_school_associations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_student_school_associations_last_modified_date BEFORE UPDATE ON student_school_associations
    FOR EACH ROW EXECUTE FUNCTION set_last_modified_date();
CREATE TRIGGER trg_student_school_associations_etag BEFORE INSERT OR UPDATE ON student_school_associations
    FOR EACH ROW EXECUTE FUNCTION set_edfi_etag();

-- OneRoster tables: date_last_modified (and updated_at where the table has it).
CREATE TRIGGER trg_organizations_date_last_modified BEFORE UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION set_date_last_modified();

CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_users_date_last_modified BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_date_last_modified();
