-- The orchestrator's own database (resource inventory), beside Temporal's in the same server.
CREATE USER orchestrator WITH PASSWORD 'orchestrator';
CREATE DATABASE orchestrator OWNER orchestrator;
