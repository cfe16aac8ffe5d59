package com.example.notes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A new user's service: no Resequel configuration beyond application.properties. */
@SpringBootApplication
public class NotesApplication {

    /** @param args command line */
    public static void main(String[] args) {
        SpringApplication.run(NotesApplication.class, args);
    }
}
