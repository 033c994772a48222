package tsa.sync.config;

import static tsa.runtime.dynamo.KeyAttribute.string;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import tsa.runtime.dynamo.OwnedTables;
import tsa.runtime.dynamo.TableSpec;
import tsa.sync.copy.store.OrganizationCopy;
import tsa.sync.copy.store.StudentCopy;

/**
 * The tables sync-service owns: the seed's "future" tables, operational copies of the compliance data, keyed as
 * architecture.md gives them. No secondary indexes.
 */
@ApplicationScoped
public class SyncTables implements OwnedTables {

    private final TableSpec organizations;
    private final TableSpec students;

    @Inject
    public SyncTables(TableNames names) {
        organizations = TableSpec.table(names.organizations(), string(OrganizationCopy.SOURCED_ID));
        students = TableSpec.table(names.students(), string(StudentCopy.STUDENT_UNIQUE_ID));
    }

    /** {@code ORGANIZATIONS_TABLE}: hash {@code sourced_id}. */
    public TableSpec organizations() {
        return organizations;
    }

    /** {@code STUDENTS_TABLE}: hash {@code student_unique_id}. */
    public TableSpec students() {
        return students;
    }

    @Override
    public List<TableSpec> tables() {
        return List.of(organizations, students);
    }
}
