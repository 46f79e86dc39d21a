-- One database per service (docker-compose only). The official postgres image runs this file once,
-- when its data volume is empty (/docker-entrypoint-initdb.d), as POSTGRES_USER, who owns them.
-- Each service creates its own schema and tables through its migrations.
CREATE DATABASE bdhvs_learners;
CREATE DATABASE bdhvs_courses;
CREATE DATABASE bdhvs_certification;
CREATE DATABASE bdhvs_campaigns;
CREATE DATABASE bdhvs_reporting;
