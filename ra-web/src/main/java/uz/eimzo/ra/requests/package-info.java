/** Registration pages: the application form and its drafts, a request's page and workflow, document scans. */
package uz.eimzo.ra.requests;
