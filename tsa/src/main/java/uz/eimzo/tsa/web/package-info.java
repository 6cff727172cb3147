/** HTTP: {@code POST /tsa}, {@code application/timestamp-query} in, {@code application/timestamp-reply} out. */
package uz.eimzo.tsa.web;
