package io.resequel.spring.boot.slice;

import org.springframework.stereotype.Service;

/** A scanned service: the slice leaves it out. */
@Service
public class SliceMailer {
}
