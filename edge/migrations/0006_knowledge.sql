-- Knowledge bases API.

-- Which knowledge bases reach a position or an employee: read by every plan build and scoped read.
CREATE INDEX kb_assignments_target ON kb_assignments(scope, scope_id);

-- Who uploaded the current version of a document; NULL for seeded documents.
ALTER TABLE kb_documents ADD COLUMN uploaded_by TEXT;
