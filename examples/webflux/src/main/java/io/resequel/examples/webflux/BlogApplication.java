package io.resequel.examples.webflux;

import io.resequel.spring.boot.ModelDefinitions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The example service: users with posts. */
@SpringBootApplication
public class BlogApplication {

    /** @param args command line */
    public static void main(String[] args) {
        SpringApplication.run(BlogApplication.class, args);
    }

    /** @return the association between the typed models */
    @Bean
    ModelDefinitions associations() {
        return db -> db.model("User").hasMany(db.model("Post"), o -> o.as("posts").foreignKey("userId"));
    }
}
